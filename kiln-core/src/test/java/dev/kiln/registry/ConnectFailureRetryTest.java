package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

/** A host that is not there fails at once; a registry that is there but struggling gets its retries. */
class ConnectFailureRetryTest {

    @Test
    void refusedOrUnresolvableHostsAreNotRetried() {
        assertThat(RegistryHttp.retryable(new ConnectException("Connection refused"))).isFalse();
        assertThat(RegistryHttp.retryable(new UnknownHostException("nosuch.example"))).isFalse();
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(RegistryHttp.retryable(unresolved)).isFalse();
    }

    @Test
    void timeoutsAndResetsMidTransferAreStillRetried() {
        assertThat(RegistryHttp.retryable(new HttpConnectTimeoutException("connect timed out"))).isTrue();
        assertThat(RegistryHttp.retryable(new HttpTimeoutException("request timed out"))).isTrue();
        assertThat(RegistryHttp.retryable(new IOException("Connection reset"))).isTrue();
    }
}
