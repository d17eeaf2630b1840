package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exec-form arrays are judged as Go's encoding/json judges them, at any nesting depth, without recursion. */
class JsonArrayTest {

    private static JsonArray.Outcome outcome(String text) {
        return JsonArray.parse(text, 0, text.length()).outcome();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "[\"a\", \"b\"]                          | STRINGS",
        "[[]]                                   | NOT_STRINGS",
        "[{}]                                   | NOT_STRINGS",
        "[\"a\", {\"k\": [1, {\"x\": null}]}, true] | NOT_STRINGS",
        "[{\"a\":1,\"b\":[2,-3.5e+2]}]            | NOT_STRINGS",
        "[\"a\", {\"k\" 1}]                       | NOT_JSON",
        "[\"a\", {\"k\": 1,}]                     | NOT_JSON",
        "[\"a\", {1: 1}]                         | NOT_JSON",
        "[[1, 2]                                | NOT_JSON",
        "[[1, 2]]]                              | NOT_JSON",
        "[[1 2]]                                | NOT_JSON",
        "[{\"a\": [}]]                            | NOT_JSON",
    })
    void nestedValuesAreCheckedLikeGo(String text, JsonArray.Outcome expected) {
        assertThat(outcome(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "depth {0} -> {1}")
    @CsvSource({"10000, NOT_STRINGS", "10001, NOT_JSON", "200000, NOT_JSON"})
    void nestingUpToGosMaximumIsJsonAndDeeperIsNotWithoutOverflowingTheStack(int depth, JsonArray.Outcome expected) {
        assertThat(outcome("[".repeat(depth) + "]".repeat(depth))).isEqualTo(expected);
        assertThat(outcome("[{\"k\":".repeat(depth / 2) + "1" + "}]".repeat(depth / 2)))
                .isEqualTo(depth / 2 * 2 <= JsonArray.MAX_DEPTH ? JsonArray.Outcome.NOT_STRINGS : JsonArray.Outcome.NOT_JSON);
    }
}
