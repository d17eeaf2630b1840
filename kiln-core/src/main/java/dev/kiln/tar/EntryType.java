package dev.kiln.tar;

/** The kinds of tar entries a layer can hold. */
public enum EntryType {
    FILE('0'),
    DIRECTORY('5'),
    SYMLINK('2'),
    HARDLINK('1'),
    CHAR_DEVICE('3'),
    BLOCK_DEVICE('4'),
    FIFO('6');

    private final char typeflag;

    EntryType(char typeflag) {
        this.typeflag = typeflag;
    }

    /** The ustar typeflag byte written for this type. */
    public char typeflag() {
        return typeflag;
    }

    public boolean isDevice() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE;
    }

    /** The character {@code ls -l} and {@code tar -tv} show for this type. */
    public char lsChar() {
        return switch (this) {
            case FILE -> '-';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case HARDLINK -> 'h';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            case FIFO -> 'p';
        };
    }
}
