package io.unikernel.demo.scene;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a shell would, expanding nothing: whitespace separates words,
 * 'single' quotes keep everything, "double" quotes keep everything but \" and \\, and a backslash
 * outside quotes keeps the next character.
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        // A word can be empty (''), so "have we started one" is tracked apart from its text.
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean hasNext = i + 1 < line.length();
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && hasNext && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && hasNext) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the " + quote + " quote is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
