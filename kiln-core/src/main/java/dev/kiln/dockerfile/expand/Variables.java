package dev.kiln.dockerfile.expand;

import java.util.Map;
import java.util.Optional;

/** Where {@code $NAME} looks its value up. Empty means unset, which differs from set-but-empty. */
@FunctionalInterface
public interface Variables {

    Optional<String> get(String name);

    static Variables of(Map<String, String> map) {
        return name -> Optional.ofNullable(map.get(name));
    }

    static Variables none() {
        return name -> Optional.empty();
    }
}
