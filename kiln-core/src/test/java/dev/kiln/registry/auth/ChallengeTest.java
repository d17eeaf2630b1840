package dev.kiln.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void bearerChallengeYieldsRealmServiceAndScopeWithCommasInsideQuotes() {
        List<Challenge> all = Challenge.parse("Bearer realm=\"https://auth.example.io/token\",service=\"registry.example.io\","
                + "scope=\"repository:team/app:pull,push\"");
        assertThat(all).hasSize(1);
        Challenge bearer = all.get(0);
        assertThat(bearer.isBearer()).isTrue();
        assertThat(bearer.param("realm")).hasValue("https://auth.example.io/token");
        assertThat(bearer.param("service")).hasValue("registry.example.io");
        assertThat(bearer.param("scope")).hasValue("repository:team/app:pull,push");
    }

    @Test
    void severalChallengesInOneHeaderAreSeparatedAndBearerIsPreferred() {
        List<Challenge> all = Challenge.parse("Basic realm=\"basic-realm\", Bearer realm=\"http://t/token\", service=reg");
        assertThat(all).extracting(Challenge::scheme).containsExactly("Basic", "Bearer");
        assertThat(all.get(0).param("realm")).hasValue("basic-realm");
        assertThat(all.get(1).param("service")).hasValue("reg");
        assertThat(Challenge.preferred(List.of("Basic realm=\"x\"", "Bearer realm=\"y\"")).orElseThrow().isBearer()).isTrue();
    }

    @Test
    void schemeIsCaseInsensitiveAndNamesAreLowercasedAndEscapesUnquoted() {
        Challenge c = Challenge.parse("bEaReR Realm=\"a \\\"quoted\\\" realm\", ERROR=\"invalid_token\"").get(0);
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).hasValue("a \"quoted\" realm");
        assertThat(c.param("error")).hasValue("invalid_token");
    }

    @Test
    void token68AndBareSchemesParseAndGarbageDoesNotLoop() {
        List<Challenge> all = Challenge.parse("Negotiate abc123==, Basic");
        assertThat(all).extracting(Challenge::scheme).containsExactly("Negotiate", "Basic");
        assertThat(all.get(0).param("")).hasValue("abc123==");
        assertThat(Challenge.parse("@@@ ,,, ;;")).isEmpty();
        assertThat(Challenge.parse(null)).isEmpty();
        assertThat(Challenge.preferred(List.of("Negotiate abc"))).isEmpty();
    }
}
