package dev.llmos.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * json for untrusted input: duplicate keys are an error (jackson would keep the last one, so
 * a check and a use could see different values) and so is invalid utf-8. reusable by any reader
 * of untrusted json (the daemon's json-rpc lines too).
 */
public final class StrictJson {

    /** built on first use: the utf-8 check alone (PlanParser.text, the thin client) needs no mapper (decision 0023). */
    private static final class Reader {
        static final ObjectReader READER = Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** what is wrong and where: a json pointer ("" for the document), then line and column in the message. */
    public static final class BadJson extends Exception {

        private final String pointer;

        BadJson(String pointer, String message) {
            super(message);
            this.pointer = pointer;
        }

        public String pointer() {
            return pointer;
        }
    }

    private StrictJson() {
    }

    public static ObjectReader reader() {
        return Reader.READER;
    }

    /** parses one json document; null for empty input. */
    public static JsonNode read(byte[] bytes) throws BadJson {
        String invalid = invalidUtf8(bytes);
        try {
            JsonNode node = Reader.READER.readTree(bytes);
            if (invalid != null) {
                // jackson decodes names and values lazily: an invalid byte in a part it skipped still counts
                throw new BadJson("", invalid);
            }
            return node;
        } catch (JsonProcessingException e) {
            String pointer = "";
            if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
                pointer = p.getParsingContext().pathAsPointer().toString();
            }
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String message = e.getOriginalMessage();
            if (invalid != null) {
                message = invalid;
            } else if (message != null && message.startsWith("Duplicate field")) {
                message = "duplicate key " + message.substring("Duplicate field ".length()) + where;
            } else {
                // a document cut short is missing its end, not something at the last key read
                if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                        || message != null && message.startsWith("Unexpected end-of-input")) {
                    pointer = "";
                }
                message = (e instanceof JsonParseException ? "malformed json" : "bad json") + where + ": " + message;
            }
            throw new BadJson(pointer, message);
        } catch (IOException e) {
            throw new BadJson("", "cannot read json: " + e.getMessage());
        }
    }

    /** null when the bytes are valid utf-8, else where they are not. */
    static String invalidUtf8(byte[] bytes) {
        int ascii = 0;
        while (ascii < bytes.length && bytes[ascii] >= 0) {
            ascii++;
        }
        if (ascii == bytes.length) {
            // ascii is utf-8 as it is, and most plans are all ascii: no decoder needed
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return "invalid utf-8 at byte " + in.position();
            }
            if (r.isUnderflow()) {
                return null;
            }
            out.clear();
        }
    }
}
