package io.unikernel.demo.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A YAML file as SnakeYAML's node tree, never its object construction: a file cannot instantiate
 * classes, and every node keeps its position for the error messages.
 */
public final class YamlText {
    private YamlText() {
    }

    /**
     * The file as text. At most one byte past the limit is read: a huge file (or /dev/zero) is
     * refused without being read whole, and SnakeYAML never sees it.
     *
     * @param tooLarge what to say after "larger than N MiB; " when it is
     */
    public static String read(Path file, int maxBytes, String tooLarge) throws YamlFileException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw YamlFileException.unreadable(file, "larger than " + maxBytes / (1024 * 1024) + " MiB; " + tooLarge);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw YamlFileException.unreadable(file, "No such file");
        } catch (AccessDeniedException e) {
            throw YamlFileException.unreadable(file, "Permission denied");
        } catch (CharacterCodingException e) {
            throw YamlFileException.unreadable(file, "not UTF-8 text");
        } catch (IOException e) {
            throw YamlFileException.unreadable(file, e.getMessage());
        }
    }

    /** The text's node tree; empty for a file with no document at all. */
    public static Optional<Node> compose(String text, Path nameForMessages) throws YamlFileException {
        try {
            return Optional.ofNullable(new Yaml(new LoaderOptions()).compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw YamlFileException.at(nameForMessages, mark.getLine() + 1, mark.getColumn() + 1, e.getProblem() + context,
                    "valid YAML");
        } catch (ReaderException e) {
            throw unprintable(text, nameForMessages, e);
        } catch (YAMLException e) {
            throw YamlFileException.at(nameForMessages, 1, 1, e.getMessage(), "valid YAML text");
        }
    }

    /** SnakeYAML gives only the offset, in code points, of a character it refuses; editors want line and column. */
    private static YamlFileException unprintable(String text, Path path, ReaderException e) {
        int line = 1;
        int column = 1;
        int[] codePoints = text.codePoints().limit(e.getPosition()).toArray();
        for (int codePoint : codePoints) {
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return YamlFileException.at(path, line, column, String.format("character U+%04X is not allowed", e.getCodePoint()),
                "printable text");
    }
}
