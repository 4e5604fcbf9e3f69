package dev.llmos.actions.files;

import java.nio.charset.StandardCharsets;

/** a plan's text content as the bytes that will be written. */
final class Payload {

    /** the schema allows 1 MiB of characters; in utf-8 that is at most 4 MiB. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private Payload() {
    }

    static byte[] bytes(String content) {
        return content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] checked(String content) throws FileTarget.Refused {
        if (content == null) {
            throw new FileTarget.Refused("content is missing");
        }
        byte[] bytes = bytes(content);
        if (bytes.length > MAX_BYTES) {
            throw new FileTarget.Refused("content is " + bytes.length + " bytes, more than the limit of " + MAX_BYTES);
        }
        return bytes;
    }
}
