package io.nvc.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.Calibration;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A catalogue of {@link DeviceProfile}s: the built-in one shipped with the SDK plus any number of user
 * files, in the JSON format {@value #FORMAT} (documented in {@code docs/calibration.md}). Files of a newer
 * format version are refused. Immutable and thread-safe.
 *
 * <p>Lookup is by the camera model string a capture program reports; user files added later take
 * precedence over earlier ones and over the built-in catalogue, and a profile at the image's exact
 * resolution over one that must be resampled.
 */
public final class DeviceProfiles {

  /** The catalogue format this SDK reads and writes. */
  public static final String FORMAT = "nvc.device-profiles/1";

  /** Largest catalogue file read, in bytes. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private static final String BUILT_IN = "device-profiles.json";
  private static final Pattern VERSION = Pattern.compile("nvc\\.device-profiles/(\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Highest precedence first. */
  private final List<DeviceProfile> profiles;

  private DeviceProfiles(List<DeviceProfile> profiles) {
    this.profiles = List.copyOf(profiles);
  }

  /** An empty catalogue. */
  public static DeviceProfiles empty() {
    return new DeviceProfiles(List.of());
  }

  /**
   * The catalogue shipped with the SDK ({@code io/nvc/calibration/device-profiles.json}).
   *
   * @throws IllegalStateException when the shipped resource is missing or invalid (a packaging error)
   */
  public static DeviceProfiles builtIn() {
    try (InputStream in = DeviceProfiles.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the built-in device catalogue " + BUILT_IN + " is missing from the jar");
      }
      return new DeviceProfiles(parse(in.readAllBytes(), "built-in " + BUILT_IN));
    } catch (IOException | NvcException e) {
      throw new IllegalStateException("the built-in device catalogue is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * This catalogue plus the profiles of {@code file}, which take precedence.
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be read or is not a valid catalogue,
   *     {@link ErrorCode#UNSUPPORTED_VERSION} when its format is newer than {@value #FORMAT}
   */
  public DeviceProfiles withFile(Path file) throws NvcException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new NvcException(ErrorCode.IO, file + ": a device catalogue of " + size
            + " bytes, expected at most " + MAX_FILE_BYTES);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, file + ": cannot read the device catalogue: " + e.getMessage(), e);
    }
    List<DeviceProfile> all = new ArrayList<>(parse(bytes, file.toString()));
    all.addAll(profiles);
    return new DeviceProfiles(all);
  }

  /** Every profile, highest precedence first. */
  public List<DeviceProfile> profiles() {
    return profiles;
  }

  /**
   * The profile for an image from {@code cameraModel}: of the profiles naming that camera (and, when
   * {@code magnification} is given, profiled at that magnification or at none), the first at the image's
   * resolution, else the first of the same aspect ratio. Empty when none fits, or when the magnification
   * is not given and the fitting profiles disagree on the scale.
   */
  public Optional<DeviceProfile> find(String cameraModel, @Nullable Double magnification, int imageWidthPx,
      int imageHeightPx) {
    if (cameraModel == null || cameraModel.isBlank()) {
      return Optional.empty();
    }
    List<DeviceProfile> fitting = new ArrayList<>();
    for (DeviceProfile p : profiles) {
      if (p.matches(cameraModel) && p.fits(imageWidthPx, imageHeightPx)
          && (magnification == null || p.magnification() == null
              || Math.abs(p.magnification() - magnification) < 1e-9 * magnification)) {
        fitting.add(p);
      }
    }
    if (fitting.isEmpty()) {
      return Optional.empty();
    }
    if (magnification == null) {
      Calibration first = fitting.get(0).calibration(imageWidthPx, imageHeightPx);
      for (DeviceProfile p : fitting) {
        Calibration c = p.calibration(imageWidthPx, imageHeightPx);
        if (Math.abs(c.micrometresPerPixelX() / first.micrometresPerPixelX() - 1) > 1e-6
            || Math.abs(c.micrometresPerPixelY() / first.micrometresPerPixelY() - 1) > 1e-6) {
          return Optional.empty();
        }
      }
    }
    return fitting.stream()
        .filter(p -> p.widthPx() == imageWidthPx && p.heightPx() == imageHeightPx)
        .findFirst()
        .or(() -> Optional.of(fitting.get(0)));
  }

  /** The calibration of {@link #find}'s profile for this image (source {@code DEVICE_PROFILE}). */
  public Optional<Calibration> calibration(String cameraModel, @Nullable Double magnification,
      int imageWidthPx, int imageHeightPx) {
    return find(cameraModel, magnification, imageWidthPx, imageHeightPx)
        .map(p -> p.calibration(imageWidthPx, imageHeightPx));
  }

  /** Parses a catalogue; {@code name} names it in messages. */
  static List<DeviceProfile> parse(byte[] bytes, String name) throws NvcException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new NvcException(ErrorCode.IO, name + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, name + ": cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new NvcException(ErrorCode.IO, name + ": expected a JSON object with \"format\": \"" + FORMAT
          + "\", found " + (root == null ? "nothing" : root.getNodeType()));
    }
    String format = root.path("format").asText(null);
    Matcher m = format == null ? null : VERSION.matcher(format);
    if (m == null || !m.matches()) {
      throw new NvcException(ErrorCode.IO, name + ": expected \"format\": \"" + FORMAT + "\", found "
          + (format == null ? "none" : "'" + format + "'"));
    }
    if (!m.group(1).equals("1")) {
      throw new NvcException(ErrorCode.UNSUPPORTED_VERSION, name + ": format '" + format
          + "' is newer than this SDK understands; expected " + FORMAT);
    }
    JsonNode list = root.path("profiles");
    if (!list.isArray()) {
      throw new NvcException(ErrorCode.IO, name + ": expected a \"profiles\" array, found "
          + (list.isMissingNode() ? "none" : list.getNodeType()));
    }
    List<DeviceProfile> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      try {
        out.add(profile(p));
      } catch (IllegalArgumentException e) {
        throw new NvcException(ErrorCode.IO, name + ": profile " + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static DeviceProfile profile(JsonNode p) {
    if (!p.isObject()) {
      throw new IllegalArgumentException("expected an object, found " + p.getNodeType());
    }
    List<String> cameras = new ArrayList<>();
    JsonNode list = p.path("cameraModels");
    if (!list.isMissingNode()) {
      if (!list.isArray()) {
        throw new IllegalArgumentException("cameraModels must be an array of strings, found " + list.getNodeType());
      }
      for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
        JsonNode c = it.next();
        if (!c.isTextual()) {
          throw new IllegalArgumentException("cameraModels must hold strings, found " + c);
        }
        cameras.add(c.asText());
      }
    }
    double x = number(p, "micrometresPerPixelX", true);
    JsonNode yNode = p.path("micrometresPerPixelY");
    double y = yNode.isMissingNode() ? x : number(p, "micrometresPerPixelY", true);
    JsonNode mag = p.path("magnification");
    JsonNode unc = p.path("relativeUncertainty");
    return new DeviceProfile(text(p, "vendor"), text(p, "model"), cameras,
        mag.isMissingNode() || mag.isNull() ? null : number(p, "magnification", true),
        integer(p, "widthPx"), integer(p, "heightPx"), x, y,
        unc.isMissingNode() || unc.isNull() ? null : number(p, "relativeUncertainty", false),
        text(p, "source"));
  }

  private static String text(JsonNode p, String field) {
    JsonNode n = p.path(field);
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, found "
          + (n.isMissingNode() ? "none" : n.toString()));
    }
    return n.asText();
  }

  private static double number(JsonNode p, String field, boolean positive) {
    JsonNode n = p.path(field);
    if (!n.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number, found "
          + (n.isMissingNode() ? "none" : n.toString()));
    }
    double v = n.asDouble();
    if (positive && !(v > 0)) {
      throw new IllegalArgumentException(field + " must be > 0, found " + n);
    }
    return v;
  }

  private static int integer(JsonNode p, String field) {
    JsonNode n = p.path(field);
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
      throw new IllegalArgumentException(field + " must be a whole number > 0, found "
          + (n.isMissingNode() ? "none" : n.toString()));
    }
    return n.asInt();
  }
}
