package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v2/NAME/tags/list?n=&last=}, following {@code Link: <...>; rel="next"} until the end.
 * A repository that does not exist has no tags; the registry says NAME_UNKNOWN and so does kiln.
 */
public final class TagList {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 10_000;

    private final RegistryHttp http;
    private final String repository;

    public TagList(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /** Every tag, in the registry's order, fetched {@code pageSize} at a time (0: the registry's default). */
    public List<String> all(int pageSize) throws RegistryException {
        List<String> tags = new ArrayList<>();
        String target = "/v2/" + repository + "/tags/list" + (pageSize > 0 ? "?n=" + pageSize : "");
        for (int page = 0; page < MAX_PAGES && target != null; page++) {
            Request request = Request.builder("GET", target)
                    .scopes(Request.pullScope(repository))
                    .on(repository, "list tags")
                    .notFound(ErrorCode.NAME_UNKNOWN)
                    .build();
            try (Response response = http.send(request)) {
                if (response.status() != 200) {
                    throw response.failure();
                }
                JsonNode body = JSON.readTree(response.bytes(ManifestPull.MAX_MANIFEST)).path("tags");
                List<String> pageTags = new ArrayList<>();
                body.forEach(tag -> pageTags.add(tag.asText()));
                tags.addAll(pageTags);
                target = next(response.headers("Link")).orElse(null);
            } catch (IOException e) {
                throw http.error(request, ErrorCode.UNEXPECTED, "tag list is not JSON", e);
            }
        }
        return tags;
    }

    static Optional<String> next(List<String> links) {
        for (String link : links) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
