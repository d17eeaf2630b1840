package dev.kiln.build.run;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A per-step socket that forwards every connection to the host's SSH agent, for
 * {@code RUN --mount=type=ssh}. Like BuildKit, the step never sees the host socket itself: it gets a
 * socket owned by the mount's uid/gid with the mount's mode (0600, root by default), which lives
 * only while the step runs. The agent protocol passes through byte for byte; keys never leave the agent.
 */
final class SshAgentForward implements AutoCloseable {

    private final Path dir;
    private final Path socket;
    private final Path agent;
    private final ServerSocketChannel server;
    private final List<SocketChannel> open = new ArrayList<>();
    private volatile boolean closed;

    private SshAgentForward(Path dir, Path agent, ServerSocketChannel server) {
        this.dir = dir;
        this.socket = dir.resolve("agent");
        this.agent = agent;
        this.server = server;
    }

    /**
     * Listens on a new socket in a fresh private temp dir (unix socket paths are limited to 107 bytes,
     * so never under a deep scratch dir), owned {@code uid:gid} with {@code mode}.
     */
    static SshAgentForward start(Path agent, int uid, int gid, int mode) throws IOException {
        Path dir = Files.createTempDirectory("kiln-ssh-");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        SshAgentForward forward = new SshAgentForward(dir, agent, server);
        try {
            server.bind(UnixDomainSocketAddress.of(forward.socket));
            Files.setAttribute(forward.socket, "unix:uid", uid);
            Files.setAttribute(forward.socket, "unix:gid", gid);
            Files.setPosixFilePermissions(forward.socket, permissions(mode));
        } catch (IOException | RuntimeException e) {
            forward.close();
            throw e;
        }
        Thread acceptor = new Thread(forward::acceptLoop, "kiln-ssh-forward");
        acceptor.setDaemon(true);
        acceptor.start();
        return forward;
    }

    /** The socket to bind into the sandbox. */
    Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            SocketChannel upstream;
            try {
                upstream = SocketChannel.open(UnixDomainSocketAddress.of(agent));
            } catch (IOException e) {
                closeQuietly(client);
                continue; // the agent went away: the client sees a closed connection, as with a dead agent
            }
            synchronized (open) {
                if (closed) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    return;
                }
                open.add(client);
                open.add(upstream);
            }
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    /** Copies one direction; at end of input the other side's output is shut so the peer sees EOF. */
    private static void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (ClosedChannelException e) {
                // the forward was closed
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "kiln-ssh-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values();
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << (8 - bit))) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        synchronized (open) {
            open.forEach(SshAgentForward::closeQuietly);
            open.clear();
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover socket in /tmp is harmless
        }
    }
}
