package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BarsTest {
    @Test
    void theLongestValueFillsTheWidthAndTheOthersAreToScale() {
        List<String> lines = Bars.draw("run -> first HTTP 200", List.of(
                new Bars.Bar("httpd", 0.25, "0.25 s"), new Bars.Bar("nginx", 1.0, "1.00 s")), 8);
        assertEquals(List.of("run -> first HTTP 200", "  httpd ██ 0.25 s", "  nginx ████████ 1.00 s"), lines);
    }

    @Test
    void partsOfACellAreDrawnInEighthsAndATinyValueStillShows() {
        List<String> lines = Bars.draw("size", List.of(
                new Bars.Bar("a", 100, "100 KB"), new Bars.Bar("bb", 2_000, "2 MB"), new Bars.Bar("c", 0.001, "1 B")), 4);
        // 100/2000 of 32 eighths = 1.6 -> 2 eighths
        assertEquals(List.of("size", "  a  ▎ 100 KB", "  bb ████ 2 MB", "  c  ▏ 1 B"), lines);
    }

    @Test
    void nothingToDrawWhenEveryValueIsZero() {
        assertEquals(List.of("t", "  x  0 s"), Bars.draw("t", List.of(new Bars.Bar("x", 0, "0 s")), 10));
    }
}
