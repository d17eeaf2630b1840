package dev.kiln.registry;

import java.net.http.HttpClient;

/**
 * Ends a JDK HTTP client's selector thread when its session is over. Java 17's client has no
 * {@code close()} (it came in Java 21): its selector thread sits in {@code epoll_wait} until the client
 * is garbage-collected, and the JVM, on exit, waits up to 300 ms for every thread still in native
 * code, so each kiln command that talked to a registry ended 0.3 s late. Interrupting the selector
 * ends its loop, which closes the client's connections; a client whose thread cannot be found (another
 * JDK's naming) is left to the garbage collector as before.
 */
public final class HttpClients {

    private HttpClients() {
    }

    /** Stops the client's selector thread; the client must not be used afterwards. */
    public static void stop(HttpClient client) {
        String name = selectorThreadName(client);
        if (name == null) {
            return;
        }
        for (Thread thread : allThreads()) {
            if (thread != null && name.equals(thread.getName())) {
                thread.interrupt();
            }
        }
    }

    /** {@code HttpClient-ID-SelectorManager}, with the id the client's {@code toString} ends with: {@code ...(ID)}. */
    static String selectorThreadName(HttpClient client) {
        String text = client.toString();
        int open = text.lastIndexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close != text.length() - 1 || close - open < 2) {
            return null;
        }
        String id = text.substring(open + 1, close);
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return null;
            }
        }
        return "HttpClient-" + id + "-SelectorManager";
    }

    private static Thread[] allThreads() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        Thread[] threads = new Thread[group.activeCount() + 16];
        int n = group.enumerate(threads, true);
        return java.util.Arrays.copyOf(threads, n);
    }
}
