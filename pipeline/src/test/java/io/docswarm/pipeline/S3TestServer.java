package io.docswarm.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: S3Proxy with an in-memory store, in its own JVM on a free loopback
 * port (it needs newer AWS SDK and Jackson versions than Beam, so it cannot share our classpath). Its classpath
 * is resolved by bin/test into {@code pipeline/target/s3proxy.classpath}.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "docswarm-test";
    public static final String SECRET_KEY = "docswarm-test-secret";
    private static final Path CLASSPATH = Path.of("target", "s3proxy.classpath");

    private final Process process;
    private final int port;

    public S3TestServer(Path workDir) throws IOException, InterruptedException {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isRegularFile(CLASSPATH), "bin/test must resolve " + CLASSPATH + " on CI");
        }
        Assumptions.assumeTrue(Files.isRegularFile(CLASSPATH),
                "S3Proxy's classpath is not resolved (run bin/test): skipping the object-store test");
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path properties = workDir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient",
                "jclouds.identity=unused",
                "jclouds.credential=unused"));
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(List.of(java, "-cp", Files.readString(CLASSPATH).strip(),
                "org.gaul.s3proxy.Main", "--properties", properties.toString()))
                .redirectErrorStream(true).redirectOutput(workDir.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!accepting()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("S3Proxy did not start; see " + workDir.resolve("s3proxy.log"));
            }
            Thread.sleep(100);
        }
        // The AWS SDK's default credential chain reads these system properties.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public void createBucket(String name) {
        try (S3Client client = S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY))).build()) {
            client.createBucket(b -> b.bucket(name));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
