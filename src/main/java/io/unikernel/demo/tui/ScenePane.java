package io.unikernel.demo.tui;

import com.googlecode.lanterna.TextColor;
import io.unikernel.demo.scene.Scene;
import io.unikernel.demo.scene.StepResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The left pane: the list of scenes with the current one marked, its narration, and its steps
 * with their results; the output of the latest step and a waiting pause show at the bottom.
 */
final class ScenePane {
    private record Line(String text, TextColor color) {
    }

    private ScenePane() {
    }

    static void draw(Painter p, Rect r, ScenePlayer player, Optional<String> pause) {
        p.box(r, "Scenes", Painter.FRAME);
        Rect in = r.inner();
        if (in.empty()) {
            return;
        }
        List<Line> list = sceneList(player, in.height() / 3);
        List<Line> story = new ArrayList<>();
        Scene scene = player.scene();
        story.add(new Line("", Painter.TEXT));
        story.add(new Line(scene.title(), Painter.ACCENT));
        for (String line : Painter.wrap(paragraphs(scene.narration()), in.width())) {
            story.add(new Line(line, Painter.DIM));
        }
        story.add(new Line("", Painter.TEXT));
        List<Line> steps = steps(player, in.width(), pause);
        List<Line> all = new ArrayList<>(list);
        all.addAll(story);
        int room = in.height() - all.size();
        if (room < steps.size()) {
            // The running step matters more than the narration the presenter already read.
            int drop = Math.min(story.size() - 2, steps.size() - room);
            all = new ArrayList<>(list);
            all.addAll(story.subList(0, story.size() - Math.max(0, drop)));
            room = in.height() - all.size();
        }
        if (steps.size() > room) {
            steps = steps.subList(steps.size() - Math.max(0, room), steps.size());
        }
        all.addAll(steps);
        for (int i = 0; i < all.size() && i < in.height(); i++) {
            p.text(in.column(), in.row() + i, in.width(), all.get(i).text(), all.get(i).color());
        }
    }

    /** Narration is written in paragraphs: single line breaks in the file are only the author's. */
    static String paragraphs(String narration) {
        return narration.strip().replaceAll("(?<!\\n)\\n(?!\\n)", " ");
    }

    private static List<Line> sceneList(ScenePlayer player, int max) {
        List<Scene> scenes = player.file().scenes();
        int current = player.sceneIndex();
        int shown = Math.max(1, Math.min(scenes.size(), max));
        int from = Math.max(0, Math.min(current - shown / 2, scenes.size() - shown));
        List<Line> lines = new ArrayList<>();
        for (int i = from; i < from + shown; i++) {
            String mark = switch (player.mark(i)) {
                case PASSED -> "✔";
                case FAILED -> "✘";
                case NOT_RUN -> " ";
            };
            String pointer = i == current ? "▶" : " ";
            TextColor color = i == current ? Painter.ACCENT : player.mark(i) == ScenePlayer.SceneMark.FAILED ? Painter.BAD : Painter.TEXT;
            lines.add(new Line(pointer + mark + " " + (i + 1) + ". " + scenes.get(i).title(), color));
        }
        return lines;
    }

    private static List<Line> steps(ScenePlayer player, int width, Optional<String> pause) {
        List<Line> lines = new ArrayList<>();
        List<StepView> views = player.steps();
        StepView latest = null;
        for (StepView view : views) {
            Optional<StepResult> result = view.result();
            if (view.running()) {
                lines.add(new Line("▸ " + view.step().step().describe(), Painter.BUSY));
                latest = view;
            } else if (result.isPresent()) {
                StepResult r = result.get();
                TextColor color = switch (r.outcome()) {
                    case PASSED -> Painter.GOOD;
                    case FAILED -> Painter.BAD;
                    case SKIPPED -> Painter.DIM;
                };
                String mark = switch (r.outcome()) {
                    case PASSED -> "✔ ";
                    case FAILED -> "✘ ";
                    case SKIPPED -> "– ";
                };
                lines.add(new Line(mark + view.step().step().describe()
                        + String.format(" (%.1f s)", r.duration().toMillis() / 1000.0), color));
                latest = view;
            } else {
                lines.add(new Line("· " + view.step().step().describe(), Painter.DIM));
            }
        }
        if (latest != null) {
            for (String out : latest.output()) {
                lines.add(new Line("  " + out, Painter.TEXT));
            }
            if (!latest.progress().isEmpty()) {
                lines.add(new Line("  " + latest.progress(), Painter.BUSY));
            }
            Optional<StepResult> result = latest.result();
            if (result.isPresent()) {
                TextColor color = result.get().failed() ? Painter.BAD : Painter.GOOD;
                for (String line : Painter.wrap("→ " + result.get().summary(), width)) {
                    lines.add(new Line(line, color));
                }
            }
        }
        if (pause.isPresent()) {
            lines.add(new Line("⏸ " + pause.get(), Painter.BUSY));
        } else if (player.sceneDone() && !player.busy()) {
            lines.add(new Line("Scene done: Enter or n for the next one", Painter.DIM));
        } else if (!player.busy()) {
            lines.add(new Line("Enter runs the next step", Painter.DIM));
        }
        return lines;
    }
}
