package io.docswarm.engine.tokenizer;

import java.util.Arrays;

/**
 * llama.cpp's {@code clean_up_tokenization_spaces} for BPE vocabularies that ask for it: removes the space
 * before {@code ? ! . ,}, around a lone apostrophe, and before the contractions 's 'm 're 've.
 */
final class SpaceCleaner {
    private SpaceCleaner() {
    }

    static byte[] clean(byte[] text) {
        byte[] t = text.clone();
        int total = t.length;

        // " ?", " !", " .", " ," lose the space
        int n = total;
        total = n > 0 ? 1 : 0;
        for (int i = 1; i < n; i++) {
            byte x = t[i];
            if (t[i - 1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ',')) {
                total--;
            }
            t[total++] = x;
        }

        // " ' " becomes "'"
        n = total;
        total = n > 0 ? 1 : 0;
        for (int i = 1; i < n; i++) {
            byte x = t[i];
            if (x == '\'' && i + 1 < n && t[i - 1] == ' ' && t[i + 1] == ' ') {
                total--;
                t[++i] = 0; // the space after is dropped too (and no longer counts as a space for the next check)
            }
            t[total++] = x;
        }

        // " 's", " 'm", " 're", " 've" lose the space (" 't", " 'd", " 'll" keep it)
        n = total;
        total = n > 0 ? 1 : 0;
        for (int i = 1; i < n; i++) {
            byte x = t[i];
            if (t[i - 1] == ' ' && x == '\'' && i + 1 < n) {
                byte x1 = t[i + 1];
                if (x1 == 's' || x1 == 'm') {
                    total--;
                } else if (i + 2 < n) {
                    byte x2 = t[i + 2];
                    if ((x1 == 'r' && x2 == 'e') || (x1 == 'v' && x2 == 'e')) {
                        total--;
                    }
                }
            }
            t[total++] = x;
        }
        return Arrays.copyOf(t, total);
    }
}
