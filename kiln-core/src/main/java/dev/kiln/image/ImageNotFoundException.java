package dev.kiln.image;

import dev.kiln.KilnException;

/** No image under a name or digest where one was expected; the message says where it looked. */
public class ImageNotFoundException extends KilnException {

    private static final long serialVersionUID = 1L;

    public ImageNotFoundException(String message) {
        super(Kind.BAD_INPUT, message);
    }
}
