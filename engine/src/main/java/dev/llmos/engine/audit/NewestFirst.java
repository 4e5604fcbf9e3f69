package dev.llmos.engine.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * a log's lines, newest first, read backwards in chunks: a tail of twenty records reads the end of
 * the file, not all of it (the log only grows). decoded leniently, like {@link AuditLog#lines()}.
 */
final class NewestFirst implements Iterator<String>, AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final FileChannel ch;
    private long pos;
    /** bytes of the line being assembled, in file order once reversed. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte[] chunk = new byte[0];
    private int i;
    private String next;

    NewestFirst(Path file) {
        FileChannel c = null;
        try {
            c = FileChannel.open(file, StandardOpenOption.READ);
            pos = c.size();
        } catch (NoSuchFileException e) {
            pos = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ch = c;
        advance();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public String next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        String n = next;
        advance();
        return n;
    }

    private void advance() {
        next = null;
        while (true) {
            if (i == 0) {
                if (pos == 0) {
                    if (pending.size() > 0) {
                        next = line();
                    }
                    return;
                }
                int n = (int) Math.min(CHUNK, pos);
                pos -= n;
                chunk = read(pos, n);
                i = n;
            }
            byte b = chunk[--i];
            if (b == '\n') {
                if (pending.size() > 0) {
                    next = line();
                    return;
                }
            } else {
                pending.write(b);
            }
        }
    }

    private String line() {
        byte[] reversed = pending.toByteArray();
        pending.reset();
        for (int a = 0, z = reversed.length - 1; a < z; a++, z--) {
            byte t = reversed[a];
            reversed[a] = reversed[z];
            reversed[z] = t;
        }
        return new String(reversed, StandardCharsets.UTF_8);
    }

    private byte[] read(long at, int n) {
        ByteBuffer buf = ByteBuffer.allocate(n);
        try {
            while (buf.hasRemaining() && ch.read(buf, at + buf.position()) >= 0) {
                // fill the chunk
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.array();
    }

    @Override
    public void close() {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
