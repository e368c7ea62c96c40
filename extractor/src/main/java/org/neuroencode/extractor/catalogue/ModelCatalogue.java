package org.neuroencode.extractor.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neuroencode.core.ids.Ids;

/**
 * Models by id: the default catalogue shipped with neuroencode (motion energy, the built-in untrained
 * networks, and AlexNet for the devkit preset, which needs a user's TorchScript export), overridden by the
 * files of a user's catalogue folder (one JSON or YAML file per model; an entry with a known id replaces
 * the default one).
 */
public final class ModelCatalogue {
  private static final String RESOURCES = "/org/neuroencode/extractor/catalogue/";
  /** Where the default catalogue's relative paths (AlexNet's export) point when no folder is given. */
  public static final Path DEFAULT_MODELS_DIR = Path.of("models");
  private static final ObjectMapper JSON = configure(new ObjectMapper());
  private static final ObjectMapper YAML = configure(new YAMLMapper());
  private static final Set<String> MODALITIES = Set.of("image", "video");
  private static final Set<String> STREAMS = Set.of("single", "two");
  private static final Set<String> SUPERVISION = Set.of("supervised", "self-supervised", "none");
  private static final Set<String> NORMALIZATIONS = Set.of("imagenet", "kinetics", "kinetics-045", "none");
  private final Map<String, ModelEntry> entries;

  private ModelCatalogue(Map<String, ModelEntry> entries) {
    this.entries = entries;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
  }

  /** The default catalogue, with relative paths resolved against {@code modelsDir}. */
  public static ModelCatalogue defaults(Path modelsDir) {
    Map<String, ModelEntry> entries = new LinkedHashMap<>();
    for (String file : resourceIndex()) {
      try (InputStream in = ModelCatalogue.class.getResourceAsStream(RESOURCES + file)) {
        if (in == null) {
          throw new CatalogueException("default catalogue: " + file + " is listed but missing");
        }
        ModelEntry entry = parse(JSON, in.readAllBytes(), "default catalogue " + file, modelsDir);
        entries.put(entry.id(), entry);
      } catch (IOException e) {
        throw new CatalogueException("default catalogue " + file + ": " + e.getMessage(), e);
      }
    }
    return new ModelCatalogue(entries);
  }

  public static ModelCatalogue defaults() {
    return defaults(DEFAULT_MODELS_DIR);
  }

  /** The default catalogue overridden by the model files of {@code folder} (relative paths resolve there). */
  public static ModelCatalogue withUserCatalogue(Path folder) {
    ModelCatalogue merged = defaults(folder);
    merged.entries.putAll(load(folder).entries);
    return merged;
  }

  /** Every {@code *.json}, {@code *.yaml} and {@code *.yml} file of a folder, or one such file. */
  public static ModelCatalogue load(Path location) {
    if (!Files.exists(location)) {
      throw new CatalogueException("catalogue " + location + ": no such file or folder");
    }
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> listing = Files.list(location)) {
        listing.filter(ModelCatalogue::isModelFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new CatalogueException("catalogue " + location + ": " + e.getMessage(), e);
      }
    } else {
      files.add(location);
    }
    Map<String, ModelEntry> entries = new LinkedHashMap<>();
    for (Path file : files) {
      ModelEntry entry = parse(file);
      ModelEntry clash = entries.put(entry.id(), entry);
      if (clash != null) {
        throw new CatalogueException("catalogue " + location + ": model id '" + entry.id() + "' is defined twice");
      }
    }
    return new ModelCatalogue(entries);
  }

  public static ModelEntry parse(Path file) {
    String name = file.getFileName().toString().toLowerCase();
    try {
      return parse(name.endsWith(".json") ? JSON : YAML, Files.readAllBytes(file), file.toString(),
          file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new CatalogueException(file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isModelFile(Path file) {
    String name = file.getFileName().toString().toLowerCase();
    return Files.isRegularFile(file) && (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static ModelEntry parse(ObjectMapper mapper, byte[] bytes, String where, Path folder) {
    ModelEntry entry;
    try {
      entry = mapper.readValue(bytes, ModelEntry.class);
    } catch (UnrecognizedPropertyException e) {
      throw new CatalogueException(where + ": unknown field '" + e.getPropertyName() + "' (known: "
          + e.getKnownPropertyIds() + ")");
    } catch (JsonProcessingException e) {
      throw new CatalogueException(where + ": " + e.getOriginalMessage().replace('\n', ' '));
    } catch (IOException e) {
      throw new CatalogueException(where + ": " + e.getMessage(), e);
    }
    validate(entry, where);
    return entry.withSource(entry.source().resolvedAgainst(folder));
  }

  private static void validate(ModelEntry entry, String where) {
    if (entry == null) {
      throw new CatalogueException(where + ": empty file");
    }
    if (entry.id() == null || !Ids.isValid(entry.id())) {
      throw new CatalogueException(where + ": id '" + entry.id() + "' is not a valid identifier");
    }
    String model = where + ": model " + entry.id();
    Source source = entry.source();
    if (source != null && (source.seed() < Integer.MIN_VALUE || source.seed() > Integer.MAX_VALUE)) {
      // the engine's generator takes an int: two seeds that differ above 32 bits would give the same network
      throw new CatalogueException(model + ": source.seed " + source.seed() + " is outside the 32-bit range");
    }
    if (source == null || source.type() == null) {
      throw new CatalogueException(model + ": source is missing");
    }
    if (source.type() == Source.Type.BUILTIN ? blank(source.name()) : blank(source.path())) {
      throw new CatalogueException(model + ": a " + source.type().label() + " source needs "
          + (source.type() == Source.Type.BUILTIN ? "a name" : "a path"));
    }
    if (entry.layers().isEmpty()) {
      throw new CatalogueException(model + ": layers are missing");
    }
    Set<String> seen = new HashSet<>();
    for (String layer : entry.layers()) {
      if (layer == null || !Ids.isValid(layer) || !seen.add(layer)) {
        throw new CatalogueException(model + ": layer '" + layer + "' is not a valid identifier or appears twice");
      }
    }
    for (String layer : entry.layerShapes().keySet()) {
      if (!seen.contains(layer)) {
        throw new CatalogueException(model + ": layerShapes names '" + layer + "', which is not among the layers");
      }
    }
    validateFamily(entry.family(), model);
    if (entry.input() != null) {
      validateInput(entry.input(), model);
    } else if (!isMotionEnergy(entry)) {
      throw new CatalogueException(model + ": input is missing");
    }
  }

  private static void validateFamily(Family family, String model) {
    if (family == null) {
      throw new CatalogueException(model + ": family is missing");
    }
    requireOneOf(family.modality(), MODALITIES, model + ": family.modality");
    requireOneOf(family.streams(), STREAMS, model + ": family.streams");
    requireOneOf(family.supervision(), SUPERVISION, model + ": family.supervision");
    if (blank(family.arch()) || blank(family.pretraining())) {
      throw new CatalogueException(model + ": family.arch and family.pretraining are required");
    }
  }

  private static void validateInput(InputSpec input, String model) {
    requireOneOf(input.layout(), Set.of(InputSpec.NCTHW, InputSpec.NCHW), model + ": input.layout");
    requireOneOf(input.normalization(), NORMALIZATIONS, model + ": input.normalization");
    requireOneOf(input.resize(), Set.of("shorter-side", "exact"), model + ": input.resize");
    if (input.frames() == null || input.frames() < 1) {
      throw new CatalogueException(model + ": input.frames must be at least 1");
    }
    if (input.frameStride() != null && input.frameStride() < 1) {
      throw new CatalogueException(model + ": input.frameStride must be at least 1 (or null for evenly spaced frames)");
    }
    if (input.crop() < 1 || input.size() < input.crop()) {
      throw new CatalogueException(model + ": input needs 1 <= crop <= size, got size " + input.size() + " and crop "
          + input.crop());
    }
    if (input.slowFast() != null) {
      int alpha = input.slowFast().alpha();
      if (alpha < 1 || input.frames() % alpha != 0 || input.imageModel()) {
        throw new CatalogueException(model + ": input.slowFast.alpha must divide input.frames (" + input.frames()
            + ") of an NCTHW model, got " + alpha);
      }
    }
  }

  private static void requireOneOf(String value, Set<String> allowed, String what) {
    if (value == null || !allowed.contains(value)) {
      throw new CatalogueException(what + " must be one of " + new java.util.TreeSet<>(allowed) + ", not '" + value + "'");
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  public static boolean isMotionEnergy(ModelEntry entry) {
    return entry.source().type() == Source.Type.BUILTIN && "motion-energy".equals(entry.source().name());
  }

  private static List<String> resourceIndex() {
    try (InputStream in = ModelCatalogue.class.getResourceAsStream(RESOURCES + "index.txt")) {
      if (in == null) {
        throw new CatalogueException("default catalogue: index.txt is missing from the extractor's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new CatalogueException("default catalogue: " + e.getMessage(), e);
    }
  }

  public Collection<ModelEntry> entries() {
    return entries.values();
  }

  public ModelEntry entry(String id) {
    ModelEntry entry = entries.get(id);
    if (entry == null) {
      throw new CatalogueException("unknown model '" + id + "'; the catalogue has " + entries.keySet());
    }
    return entry;
  }
}
