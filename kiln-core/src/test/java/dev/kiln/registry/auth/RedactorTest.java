package dev.kiln.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void registeredSecretsAndTheirBase64FormVanishFromAnyText() {
        Redactor redactor = new Redactor();
        Credential.UserPassword credential = new Credential.UserPassword("alice", "hunter2-xyz");
        redactor.register(credential);
        String text = redactor.redact("login alice/hunter2-xyz failed; header " + credential.base64() + " end");
        assertThat(text).doesNotContain("hunter2-xyz").doesNotContain(credential.base64()).contains("alice");
    }

    @Test
    void secretShapedValuesAreHiddenEvenWhenNotRegistered() {
        Redactor redactor = new Redactor();
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl";
        assertThat(redactor.redact("Authorization: Bearer " + jwt)).isEqualTo("Authorization: <redacted>");
        assertThat(redactor.redact("token was " + jwt)).doesNotContain(jwt);
        assertThat(redactor.redact("sent Basic YWxpY2U6aHVudGVyMg== to host")).isEqualTo("sent Basic <redacted> to host");
        assertThat(redactor.redact("grant_type=password&password=p4ss&x=1")).isEqualTo("grant_type=password&password=<redacted>&x=1");
        assertThat(redactor.redact("{\"auth\":\"YWxpY2U6aHVudGVy\"}")).doesNotContain("YWxpY2U6aHVudGVy");
    }

    @Test
    void ordinaryMessagesAreLeftAlone() {
        Redactor redactor = new Redactor();
        String message = "127.0.0.1:5000/app: unauthorized (check kiln login)";
        assertThat(redactor.redact(message)).isEqualTo(message);
        assertThat(redactor.redact("GET http://127.0.0.1:5000/v2/app/blobs/sha256:abc -> 200"))
                .isEqualTo("GET http://127.0.0.1:5000/v2/app/blobs/sha256:abc -> 200");
    }

    @Test
    void credentialToStringNeverShowsTheSecret() {
        assertThat(new Credential.UserPassword("u", "s3cr3t-pw").toString()).doesNotContain("s3cr3t-pw");
        assertThat(new Credential.IdentityToken("u", "refresh-tok-1").toString()).doesNotContain("refresh-tok-1");
        assertThat(new BearerToken("tok-value-9", java.time.Instant.EPOCH).toString()).doesNotContain("tok-value-9");
    }
}
