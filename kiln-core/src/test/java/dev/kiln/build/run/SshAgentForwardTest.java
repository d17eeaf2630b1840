package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forward against a real unix socket server that answers each request with its reverse. */
class SshAgentForwardTest {

    @TempDir
    Path tmp;

    private Thread reversingServer(ServerSocketChannel server) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    try (SocketChannel client = server.accept()) {
                        ByteBuffer in = ByteBuffer.allocate(64);
                        while (client.read(in) >= 0) {
                            // read until the client shuts its output
                        }
                        byte[] got = new byte[in.flip().remaining()];
                        in.get(got);
                        byte[] reversed = new StringBuilder(new String(got, StandardCharsets.UTF_8)).reverse().toString()
                                .getBytes(StandardCharsets.UTF_8);
                        client.write(ByteBuffer.wrap(reversed));
                    }
                }
            } catch (Exception e) {
                // server closed
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String ask(Path socket, String text) throws Exception {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteBuffer answer = ByteBuffer.allocate(64);
            while (channel.read(answer) >= 0) {
                // until the server closes
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void connectionsReachTheAgentThroughASocketWithTheMountsOwnerAndModeThatCloseRemoves() throws Exception {
        Path agent = tmp.resolve("agent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(agent));
            reversingServer(server);
            Path socket;
            try (SshAgentForward forward = SshAgentForward.start(agent, 1234, 5678, 0640)) {
                socket = forward.socket();
                assertThat(socket.toString().length()).as("fits a unix socket path").isLessThan(100);
                assertThat(Files.getAttribute(socket, "unix:uid")).isEqualTo(1234);
                assertThat(Files.getAttribute(socket, "unix:gid")).isEqualTo(5678);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-r-----");
                assertThat(ask(socket, "identities")).isEqualTo("seititnedi");
                assertThat(ask(socket, "second connection")).isEqualTo("noitcennoc dnoces");
            }
            assertThat(socket).doesNotExist();
            assertThat(socket.getParent()).doesNotExist();
        }
    }

    @Test
    void aDeadAgentGivesTheClientAClosedConnectionNotAHang() throws Exception {
        Path agent = tmp.resolve("gone.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(agent));
        }
        try (SshAgentForward forward = SshAgentForward.start(agent, 0, 0, 0600)) {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(forward.socket()))) {
                assertThat(channel.read(ByteBuffer.allocate(8))).as("closed at once").isEqualTo(-1);
            }
        }
    }
}
