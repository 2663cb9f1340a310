package io.nvc.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps a dataset's class names onto {@link SdkClass}. Names are compared normalised: trimmed, lower
 * case, with spaces and hyphens read as underscores. {@link #sdkDefault()} knows the SDK names and
 * common synonyms ({@code bushy}, {@code branched} to RAMIFIED; {@code megacapillary} to GIANT;
 * {@code hemorrhage}, {@code microhaemorrhage} to HAEMORRHAGE; ...). Immutable and thread-safe.
 */
public final class ClassMapping {

  private final Map<String, SdkClass> names;

  private ClassMapping(Map<String, SdkClass> names) {
    this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
  }

  /**
   * The SDK's names and their common synonyms.
   *
   * @return the default mapping
   */
  public static ClassMapping sdkDefault() {
    Map<String, SdkClass> m = new LinkedHashMap<>();
    for (SdkClass c : SdkClass.values()) {
      m.put(c.cocoName(), c);
    }
    for (String s : List.of("hairpin", "normal_capillary")) {
      m.put(s, SdkClass.NORMAL);
    }
    for (String s : List.of("tortuous_capillary", "crossed", "crossing")) {
      m.put(s, SdkClass.TORTUOUS);
    }
    for (String s : List.of("bushy", "branched", "ramified_capillary", "neoangiogenesis")) {
      m.put(s, SdkClass.RAMIFIED);
    }
    for (String s : List.of("megacapillary", "mega_capillary", "giant_capillary")) {
      m.put(s, SdkClass.GIANT);
    }
    for (String s :
        List.of("hemorrhage", "haemorrhages", "hemorrhages", "microhaemorrhage",
            "microhemorrhage", "micro_haemorrhage", "micro_hemorrhage")) {
      m.put(s, SdkClass.HAEMORRHAGE);
    }
    return new ClassMapping(m);
  }

  /**
   * Parses aliases {@code "name=class,name=class"} on top of {@link #sdkDefault()}, e.g. {@code
   * "bushy=ramified,dilated=normal"}.
   *
   * @param spec comma-separated {@code name=class} pairs; blank for the default alone
   * @return the mapping
   * @throws IllegalArgumentException when a pair is malformed or names an unknown SDK class
   */
  public static ClassMapping parse(String spec) {
    ClassMapping mapping = sdkDefault();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException(
            "class mapping: expected name=class, found \"" + pair.trim() + "\"");
      }
      String target = normalise(pair.substring(eq + 1));
      SdkClass cls =
          Arrays.stream(SdkClass.values())
              .filter(c -> c.cocoName().equals(target))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "class mapping: expected one of " + sdkNames() + " after '=', found \""
                              + pair.substring(eq + 1).trim() + "\""));
      mapping = mapping.withAlias(pair.substring(0, eq), cls);
    }
    return mapping;
  }

  /**
   * Returns a mapping with one more (or a replaced) name.
   *
   * @param name the dataset's class name
   * @param target the SDK class it means
   * @return the new mapping
   */
  public ClassMapping withAlias(String name, SdkClass target) {
    Map<String, SdkClass> m = new LinkedHashMap<>(names);
    m.put(normalise(name), target);
    return new ClassMapping(m);
  }

  /**
   * Resolves a dataset's class name.
   *
   * @param name the name as found in the dataset
   * @return the SDK class, empty when the name is unknown
   */
  public Optional<SdkClass> resolve(String name) {
    return Optional.ofNullable(names.get(normalise(name)));
  }

  /**
   * Returns the names this mapping knows, normalised and sorted.
   *
   * @return the names
   */
  public List<String> knownNames() {
    return new ArrayList<>(new TreeSet<>(names.keySet()));
  }

  /**
   * Rewrites a dataset onto the SDK's categories (ids 1 to 5, all five listed). Keypoint names of a
   * source category are kept on its SDK category.
   *
   * @param dataset a dataset whose category names this mapping resolves
   * @return the dataset with SDK category ids and names
   * @throws IllegalArgumentException when an annotation's category is missing or its name unknown
   */
  public CocoDataset apply(CocoDataset dataset) {
    Map<Integer, SdkClass> byId = new LinkedHashMap<>();
    Map<SdkClass, CocoCategory> sdkCategories = new LinkedHashMap<>();
    for (SdkClass c : SdkClass.values()) {
      sdkCategories.put(c, c.toCategory());
    }
    for (CocoCategory c : dataset.categories()) {
      Optional<SdkClass> target = resolve(c.name());
      if (target.isPresent()) {
        byId.putIfAbsent(c.id(), target.get());
        if (!c.keypoints().isEmpty()) {
          SdkClass t = target.get();
          sdkCategories.put(
              t, new CocoCategory(t.categoryId(), t.cocoName(), c.keypoints(), Map.of()));
        }
      }
    }
    List<CocoAnnotation> annotations = new ArrayList<>();
    for (CocoAnnotation a : dataset.annotations()) {
      SdkClass target = byId.get(a.categoryId());
      if (target == null) {
        String found =
            dataset.category(a.categoryId()).map(c -> "\"" + c.name() + "\"")
                .orElse("category id " + a.categoryId() + " (not in categories)");
        throw new IllegalArgumentException(
            "annotation " + a.id() + ": unknown class " + found + ", expected one of "
                + knownNames() + " (add an alias such as name=ramified)");
      }
      annotations.add(a.withCategory(target.categoryId()));
    }
    return new CocoDataset(
        dataset.images(), annotations, new ArrayList<>(sdkCategories.values()));
  }

  static String normalise(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }

  private static List<String> sdkNames() {
    return Arrays.stream(SdkClass.values()).map(SdkClass::cocoName).toList();
  }
}
