package dev.kiln.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRulesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "root/.ssh/id_rsa, PRIVATE_KEY", "home/a/.ssh/id_ed25519, PRIVATE_KEY", "etc/ssl/private/x.KEY, PRIVATE_KEY",
            "app/tls.pem, PRIVATE_KEY", "app/store.p12, KEYSTORE", "app/keys.JKS, KEYSTORE", "srv/.env, ENV_FILE",
            "srv/.env.production, ENV_FILE", "srv/.env.example, -", "srv/prod.env, ENV_FILE",
            "root/.aws/credentials, CLOUD_CREDENTIALS", "root/.config/gcloud/credentials.db, CLOUD_CREDENTIALS",
            "root/.docker/config.json, TOOL_CREDENTIALS", "root/.kube/config, TOOL_CREDENTIALS",
            "root/_netrc, TOOL_CREDENTIALS", "root/.npmrc, TOOL_CREDENTIALS", "srv/gcp-service-account.json, JSON_KEY",
            "usr/lib/node_modules/x/package.json, -", "usr/share/doc/x/README, -", "usr/bin/id, -",
            "usr/lib/python3/keyring.py, -", "etc/ssh/ssh_config, -", "src/identity.go, -"})
    void candidatesAreRecognisedByNameAndOrdinaryFilesAreNot(String path, String kind) {
        SecretRules.Candidate candidate = SecretRules.candidate(path);
        assertThat(candidate == null ? null : candidate.name()).as(path).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "PRIVATE_KEY | a/id_rsa | -----BEGIN RSA PRIVATE KEY-----\\nMII | private key",
            "PRIVATE_KEY | a/cert.pem | -----BEGIN CERTIFICATE-----\\nMII | -",
            "ENV_FILE | a/.env | API_TOKEN=abc123def456 | .env file with secrets",
            "ENV_FILE | a/.env | LOG_LEVEL=debug | -",
            "ENV_FILE | a/.env | X=AKIAIOSFODNN7EXAMPLE | AWS access key id",
            "TOOL_CREDENTIALS | a/.npmrc | registry=https://registry.npmjs.org/ | -",
            "TOOL_CREDENTIALS | a/.npmrc | //r/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789 | npm token",
            "CLOUD_CREDENTIALS | a/.aws/config | [default]\\nregion=eu-west-1 | -",
            "JSON_KEY | a/sa-key.json | {\"type\": \"service_account\", \"private_key\": \"x\"} | service account key"})
    void contentDecidesWhenTheNameIsNotEnough(String kind, String path, String content, String expected) {
        byte[] bytes = content.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(SecretRules.classify(SecretRules.Candidate.valueOf(kind), path, bytes, bytes.length)).isEqualTo(expected);
    }
}
