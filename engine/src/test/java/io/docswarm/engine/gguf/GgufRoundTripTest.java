package io.docswarm.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyMetadataTypeSurvivesWriteAndRead() throws Exception {
        GgufWriter w = new GgufWriter();
        Map<String, GgufValue> values = Map.ofEntries(
                Map.entry("t.u8", new GgufValue(GgufValueType.UINT8, (byte) 0xF0)),
                Map.entry("t.i8", new GgufValue(GgufValueType.INT8, (byte) -5)),
                Map.entry("t.u16", new GgufValue(GgufValueType.UINT16, (short) 0xFFFE)),
                Map.entry("t.i16", new GgufValue(GgufValueType.INT16, (short) -300)),
                Map.entry("t.u32", new GgufValue(GgufValueType.UINT32, 0xFFFFFFF0)),
                Map.entry("t.i32", new GgufValue(GgufValueType.INT32, -123456)),
                Map.entry("t.u64", new GgufValue(GgufValueType.UINT64, 1L << 40)),
                Map.entry("t.i64", new GgufValue(GgufValueType.INT64, -(1L << 50))),
                Map.entry("t.f32", new GgufValue(GgufValueType.FLOAT32, 3.25f)),
                Map.entry("t.f64", new GgufValue(GgufValueType.FLOAT64, Math.PI)),
                Map.entry("t.bool", new GgufValue(GgufValueType.BOOL, true)),
                Map.entry("t.str", GgufValue.ofString("héllo 世界 🎉")),
                Map.entry("t.empty", GgufValue.ofString("")),
                Map.entry("a.u8", GgufValue.ofArray(new GgufArray(GgufValueType.UINT8, new byte[] {1, (byte) 200}))),
                Map.entry("a.i8", GgufValue.ofArray(new GgufArray(GgufValueType.INT8, new byte[] {-1, 2}))),
                Map.entry("a.u16", GgufValue.ofArray(new GgufArray(GgufValueType.UINT16, new short[] {1, -2}))),
                Map.entry("a.i16", GgufValue.ofArray(new GgufArray(GgufValueType.INT16, new short[] {-7}))),
                Map.entry("a.u32", GgufValue.ofArray(new GgufArray(GgufValueType.UINT32, new int[] {7, -1}))),
                Map.entry("a.i32", GgufValue.ofArray(GgufArray.ofInts(1, 2, 3))),
                Map.entry("a.u64", GgufValue.ofArray(new GgufArray(GgufValueType.UINT64, new long[] {-1L}))),
                Map.entry("a.i64", GgufValue.ofArray(new GgufArray(GgufValueType.INT64, new long[] {5L, -5L}))),
                Map.entry("a.f32", GgufValue.ofArray(GgufArray.ofFloats(0.5f, -1e-30f, Float.NaN))),
                Map.entry("a.f64", GgufValue.ofArray(new GgufArray(GgufValueType.FLOAT64, new double[] {1e300}))),
                Map.entry("a.bool", GgufValue.ofArray(new GgufArray(GgufValueType.BOOL, new boolean[] {true, false}))),
                Map.entry("a.str", GgufValue.ofArray(GgufArray.ofStrings("a", "", "<0xFF>", "▁the"))),
                Map.entry("a.empty", GgufValue.ofArray(GgufArray.ofInts())),
                Map.entry("a.nested", GgufValue.ofArray(new GgufArray(GgufValueType.ARRAY, new GgufArray[] {
                        GgufArray.ofStrings("x", "y"),
                        new GgufArray(GgufValueType.ARRAY, new GgufArray[] {GgufArray.ofFloats(1f, 2f)}),
                        GgufArray.ofInts()}))));
        values.forEach(w::put);
        Path file = dir.resolve("all.gguf");
        w.write(file);

        try (GgufFile g = GgufFile.open(file)) {
            assertEquals(3, g.version());
            assertEquals(values, g.metadata().asMap());
            GgufMetadata m = g.metadata();
            assertEquals(0xF0, m.getInt("t.u8"));
            assertEquals(-5, m.getInt("t.i8"));
            assertEquals(0xFFFE, m.getInt("t.u16"));
            assertEquals(0xFFFFFFF0L, m.getLong("t.u32"));
            assertEquals(1L << 40, m.getLong("t.u64"));
            assertEquals(3.25f, m.getFloat("t.f32"));
            assertEquals((float) Math.PI, m.getFloat("t.f64"));
            assertTrue(m.getBoolean("t.bool"));
            assertEquals("héllo 世界 🎉", m.getString("t.str"));
            assertArrayEquals(new String[] {"a", "", "<0xFF>", "▁the"}, m.getStringArray("a.str"));
            assertArrayEquals(new int[] {1, 200}, m.getIntArray("a.u8"));
            assertArrayEquals(new int[] {1, 0xFFFE}, m.getIntArray("a.u16"));
            assertArrayEquals(new int[] {1, 2, 3}, m.getIntArray("a.i32"));
            assertEquals(3, m.getFloatArray("a.f32").length);
        }
    }

    @Test
    void typedAccessorsNameTheFileAndTheKey() throws Exception {
        Path file = dir.resolve("acc.gguf");
        new GgufWriter().putString("name", "x").putUint32("big", -1)
                .put("huge", GgufValue.ofUint64(-1L)).putArray("floats", GgufArray.ofFloats(1f)).write(file);
        try (GgufFile g = GgufFile.open(file)) {
            GgufMetadata m = g.metadata();
            assertMessage(() -> m.getString("absent"), file + ": missing metadata key 'absent'");
            assertMessage(() -> m.getInt("name"), "metadata 'name' has type STRING, expected an integer");
            assertMessage(() -> m.getFloat("name"), "metadata 'name' has type STRING, expected a float");
            assertMessage(() -> m.getString("big"), "metadata 'big' has type UINT32, expected STRING");
            assertMessage(() -> m.getInt("big"), "metadata 'big' = 4294967295 does not fit in an int");
            assertMessage(() -> m.getLong("huge"), "18446744073709551615 does not fit in a signed long");
            assertMessage(() -> m.getStringArray("floats"), "is an array of FLOAT32, expected an array of STRING");
            assertMessage(() -> m.getArray("name"), "metadata 'name' has type STRING, expected ARRAY");
            assertMessage(() -> g.tensor("w"), file + ": missing tensor 'w'");
            assertEquals(7, m.getInt("absent", 7));
        }
    }

    @Test
    void tensorsAreAlignedAndMappedWithoutCopy() throws Exception {
        Random rnd = new Random(1);
        float[] a = new float[3 * 5];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat();
        }
        byte[] q = new byte[2 * 34];
        rnd.nextBytes(q);
        byte[] odd = new byte[7];
        rnd.nextBytes(odd);
        Path file = dir.resolve("t.gguf");
        new GgufWriter().putUint32("general.alignment", 64).putString("general.architecture", "test")
                .addTensor("odd", GgmlType.I8, new long[] {7}, odd)
                .addTensor("a", GgmlType.F32, new long[] {5, 3}, floats(a))
                .addTensor("q", GgmlType.Q8_0, new long[] {32, 1, 2}, q)
                .write(file);
        try (GgufFile g = GgufFile.open(file)) {
            assertEquals(64, g.alignment());
            assertEquals(0, g.dataOffset() % 64);
            assertEquals(3, g.tensors().size());
            GgufTensor ta = g.tensor("a");
            assertEquals(GgmlType.F32, ta.type());
            assertArrayEquals(new long[] {5, 3}, ta.dims());
            assertEquals(15, ta.elementCount());
            assertEquals(0, ta.offset() % 64);
            assertTrue(ta.data().isMapped(), "tensor data must be a slice of the mapping, not a copy");
            assertTrue(ta.data().isReadOnly());
            float[] back = ta.data().toArray(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
            assertArrayEquals(a, back);
            GgufTensor tq = g.tensor("q");
            assertArrayEquals(new long[] {32, 1, 2}, tq.dims());
            assertArrayEquals(q, tq.data().toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(odd, g.tensor("odd").data().toArray(ValueLayout.JAVA_BYTE));
            assertEquals(Files.size(file), g.fileSize());
        }
    }

    @Test
    void writerRejectsWrongSizedTensors() {
        GgufWriter w = new GgufWriter();
        assertThrows(IllegalArgumentException.class, () -> w.addTensor("x", GgmlType.F32, new long[] {4}, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> w.addTensor("x", GgmlType.Q8_0, new long[] {16}, new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> w.putUint32("general.alignment", 48));
    }

    static byte[] floats(float[] a) {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : a) {
            b.putFloat(f);
        }
        return b.array();
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String expectedPart) {
        GgufFormatException ex = assertThrows(GgufFormatException.class, e);
        assertTrue(ex.getMessage().contains(expectedPart),
                "expected message containing [" + expectedPart + "] but was [" + ex.getMessage() + "]");
    }
}
