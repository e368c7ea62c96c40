package org.neuroencode.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.catalogue.ModelEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true, description = "The model catalogue.",
    subcommands = {ModelsCommand.ListModels.class})
public final class ModelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the catalogue's models: id, source, layers, family attributes and whether untrained.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--catalogue", paramLabel = "DIR",
        description = "A folder of model files that adds to and overrides the default catalogue.")
    Path catalogue;

    @Override
    public Integer call() {
      ModelCatalogue models = catalogue == null ? ModelCatalogue.defaults() : ModelCatalogue.withUserCatalogue(catalogue);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"id", "source", "layers", "modality", "arch", "multiscale", "supervision", "streams",
          "pretraining", "untrained"});
      for (ModelEntry entry : models.entries()) {
        var family = entry.family();
        rows.add(new String[] {entry.id(), entry.source().toString(), String.join(",", entry.layers()),
            family.modality(), family.arch(), String.valueOf(family.multiscale()), family.supervision(),
            family.streams(), family.pretraining(), String.valueOf(entry.untrained())});
      }
      print(rows, spec.commandLine().getOut());
      return 0;
    }

    private static void print(List<String[]> rows, PrintWriter out) {
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
        }
        out.println(line.toString().stripTrailing());
      }
      out.flush();
    }
  }
}
