package io.docswarm.renderers.docx;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNum;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

/**
 * List numbering. A template's own bullet and decimal definitions (abstract numberings whose first level is a
 * bullet, or a decimal number) are used when it has them, so lists look as its author designed them; otherwise
 * three-level definitions are added. Every list is its own numbering instance that restarts at 1.
 */
final class DocxNumbering {

    static final int MAX_LEVEL = 8;
    private static final String[] BULLETS = {"•", "–", "◦"};

    private final XWPFNumbering numbering;
    private final BigInteger bulletAbstract;
    private final BigInteger decimalAbstract;
    private final boolean bulletsFromTemplate;
    private final boolean decimalsFromTemplate;

    DocxNumbering(XWPFDocument document) {
        this.numbering = document.getNumbering() != null ? document.getNumbering() : document.createNumbering();
        Optional<BigInteger> bullet = find(STNumberFormat.BULLET);
        Optional<BigInteger> decimal = find(STNumberFormat.DECIMAL);
        this.bulletsFromTemplate = bullet.isPresent();
        this.decimalsFromTemplate = decimal.isPresent();
        this.bulletAbstract = bullet.orElseGet(() -> add(false));
        this.decimalAbstract = decimal.orElseGet(() -> add(true));
    }

    boolean bulletsFromTemplate() {
        return bulletsFromTemplate;
    }

    boolean decimalsFromTemplate() {
        return decimalsFromTemplate;
    }

    /** Deepest level the definition has (0-based), so nesting never points at a level that does not exist. */
    int deepestLevel(boolean numbered) {
        XWPFAbstractNum abstractNum = numbering.getAbstractNum(numbered ? decimalAbstract : bulletAbstract);
        return Math.max(0, Math.min(MAX_LEVEL, abstractNum.getCTAbstractNum().sizeOfLvlArray() - 1));
    }

    /** A new list instance; numbered lists restart at 1 on every level. */
    BigInteger newList(boolean numbered) {
        BigInteger numId = numbering.addNum(numbered ? decimalAbstract : bulletAbstract);
        if (numbered) {
            XWPFNum num = numbering.getNum(numId);
            CTNum ct = num.getCTNum();
            for (int level = 0; level <= deepestLevel(true); level++) {
                var override = ct.addNewLvlOverride();
                override.setIlvl(BigInteger.valueOf(level));
                override.addNewStartOverride().setVal(BigInteger.ONE);
            }
        }
        return numId;
    }

    /**
     * The first abstract numbering whose level 0 has {@code format}; among several, the one with most levels
     * (a full multi-level list rather than a one-off).
     */
    private Optional<BigInteger> find(STNumberFormat.Enum format) {
        BigInteger best = null;
        int bestLevels = 0;
        for (XWPFAbstractNum abstractNum : numbering.getAbstractNums()) {
            CTAbstractNum ct = abstractNum.getCTAbstractNum();
            if (ct.sizeOfLvlArray() == 0) {
                continue;
            }
            CTLvl first = ct.getLvlArray(0);
            if (first.isSetNumFmt() && first.getNumFmt().getVal() == format && ct.sizeOfLvlArray() > bestLevels) {
                best = ct.getAbstractNumId();
                bestLevels = ct.sizeOfLvlArray();
            }
        }
        return Optional.ofNullable(best);
    }

    private BigInteger add(boolean numbered) {
        BigInteger id = BigInteger.ZERO;
        for (XWPFAbstractNum existing : numbering.getAbstractNums()) {
            id = id.max(existing.getCTAbstractNum().getAbstractNumId().add(BigInteger.ONE));
        }
        CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
        abstractNum.setAbstractNumId(id);
        for (int level = 0; level < 3; level++) {
            CTLvl lvl = abstractNum.addNewLvl();
            lvl.setIlvl(BigInteger.valueOf(level));
            lvl.addNewStart().setVal(BigInteger.ONE);
            if (numbered) {
                lvl.addNewNumFmt().setVal(level == 1 ? STNumberFormat.LOWER_LETTER : STNumberFormat.DECIMAL);
                lvl.addNewLvlText().setVal("%" + (level + 1) + ".");
            } else {
                lvl.addNewNumFmt().setVal(STNumberFormat.BULLET);
                lvl.addNewLvlText().setVal(BULLETS[level]);
            }
            var indent = lvl.addNewPPr().addNewInd();
            indent.setLeft(BigInteger.valueOf(360L * (level + 1)));
            indent.setHanging(BigInteger.valueOf(360));
        }
        return numbering.addAbstractNum(new XWPFAbstractNum(abstractNum, numbering));
    }
}
