package io.docswarm.renderers.docx;

import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

/** Bullet and decimal list definitions (three nesting levels each). */
final class DocxNumbering {

    private static final String[] BULLETS = {"•", "–", "◦"};

    private final XWPFDocument document;
    private final BigInteger bulletAbstract;
    private final BigInteger decimalAbstract;

    DocxNumbering(XWPFDocument document) {
        this.document = document;
        XWPFNumbering numbering = document.createNumbering();
        this.bulletAbstract = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum(0, false), numbering));
        this.decimalAbstract = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum(1, true), numbering));
    }

    /** A new list instance, so each numbered list restarts at 1. */
    BigInteger newList(boolean numbered) {
        return document.getNumbering().addNum(numbered ? decimalAbstract : bulletAbstract);
    }

    private static CTAbstractNum abstractNum(int id, boolean numbered) {
        CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
        abstractNum.setAbstractNumId(BigInteger.valueOf(id));
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
        return abstractNum;
    }
}
