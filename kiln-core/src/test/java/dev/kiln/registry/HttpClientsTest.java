package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    private static Optional<Thread> thread(String name) {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        Thread[] all = new Thread[group.activeCount() + 16];
        int n = group.enumerate(all, true);
        return Arrays.stream(all, 0, n).filter(t -> t.getName().equals(name)).findFirst();
    }

    @Test
    void stopEndsTheClientsSelectorThreadAndNoOther() throws Exception {
        HttpClient stopped = HttpClient.newHttpClient();
        HttpClient kept = HttpClient.newHttpClient();
        String stoppedName = HttpClients.selectorThreadName(stopped);
        String keptName = HttpClients.selectorThreadName(kept);
        assertThat(stoppedName).matches("HttpClient-\\d+-SelectorManager").isNotEqualTo(keptName);
        Thread selector = thread(stoppedName).orElseThrow();

        HttpClients.stop(stopped);

        selector.join(5000);
        assertThat(selector.isAlive()).isFalse();
        assertThat(thread(keptName)).hasValueSatisfying(t -> assertThat(t.isAlive()).isTrue());
        HttpClients.stop(kept);
    }

    @Test
    void unknownClientNamesAreLeftAlone() {
        HttpClient foreign = new java.net.http.HttpClient() {
            @Override
            public Optional<java.net.CookieHandler> cookieHandler() {
                return Optional.empty();
            }

            @Override
            public Optional<java.time.Duration> connectTimeout() {
                return Optional.empty();
            }

            @Override
            public Redirect followRedirects() {
                return Redirect.NEVER;
            }

            @Override
            public Optional<java.net.ProxySelector> proxy() {
                return Optional.empty();
            }

            @Override
            public javax.net.ssl.SSLContext sslContext() {
                return null;
            }

            @Override
            public javax.net.ssl.SSLParameters sslParameters() {
                return null;
            }

            @Override
            public Optional<java.net.Authenticator> authenticator() {
                return Optional.empty();
            }

            @Override
            public Version version() {
                return Version.HTTP_1_1;
            }

            @Override
            public Optional<java.util.concurrent.Executor> executor() {
                return Optional.empty();
            }

            @Override
            public <T> java.net.http.HttpResponse<T> send(java.net.http.HttpRequest request,
                    java.net.http.HttpResponse.BodyHandler<T> handler) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<T>> sendAsync(
                    java.net.http.HttpRequest request, java.net.http.HttpResponse.BodyHandler<T> handler) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<T>> sendAsync(
                    java.net.http.HttpRequest request, java.net.http.HttpResponse.BodyHandler<T> handler,
                    java.net.http.HttpResponse.PushPromiseHandler<T> push) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String toString() {
                return "SomeOtherClient(x1)";
            }
        };

        assertThat(HttpClients.selectorThreadName(foreign)).isNull();
        HttpClients.stop(foreign); // nothing to find, nothing thrown
    }
}
