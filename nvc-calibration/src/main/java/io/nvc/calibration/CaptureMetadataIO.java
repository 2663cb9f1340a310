package io.nvc.calibration;

import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImageFormat;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.png.AbstractPngText;
import org.apache.commons.imaging.formats.png.PngImageParser;
import org.apache.commons.imaging.formats.png.PngImagingParameters;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffImageParser;
import org.apache.commons.imaging.formats.tiff.TiffImagingParameters;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossless;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@link CaptureMetadata} embedded in JPEG, PNG and TIFF files: an XMP packet in the
 * namespace {@code http://ns.nvc.io/capture/1.0/} (prefix {@code nvc}; see {@code docs/calibration.md})
 * plus standard EXIF {@code Model}, {@code Software}, {@code DateTimeOriginal} and
 * {@code OffsetTimeOriginal} in JPEG and TIFF, and PNG {@code tEXt} {@code Software} and
 * {@code Creation Time}. Stateless and thread-safe; concurrent writes to the same file are not
 * coordinated (the last one wins, and each leaves a complete file).
 *
 * <p>Reading never fails on bad metadata: XML is parsed without DTDs or external entities and with a size
 * limit, and malformed, foreign or unsafe metadata becomes a warning in {@link MetadataRead#warnings()}.
 * Writing rewrites the file through a temporary file in the same folder and an atomic move, after checking
 * that the new file decodes to exactly the same pixels: JPEG and TIFF are rewritten without re-encoding
 * their image data; PNG pixels are re-compressed losslessly (8 bits per sample only; other ancillary
 * chunks are not carried over).
 */
public final class CaptureMetadataIO {

  /** Largest file {@link #write} loads into memory. */
  public static final long MAX_WRITE_BYTES = 1L << 30;

  /** EXIF 2.31 {@code OffsetTimeOriginal} (0x9011), which commons-imaging does not name. */
  private static final TagInfoAscii OFFSET_TIME_ORIGINAL =
      new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7, TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);
  private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

  private CaptureMetadataIO() {}

  /**
   * The capture metadata of {@code file}: the SDK's XMP properties, with standard XMP and EXIF values
   * (camera model, software, capture time) filling fields the SDK's properties leave empty.
   *
   * @throws NvcException {@link ErrorCode#IO} only when the file cannot be read at all
   */
  public static MetadataRead read(Path file) throws NvcException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new NvcException(ErrorCode.IO, file + ": cannot read the file; expected a readable image file");
    }
    return read(ByteSource.path(file), file.toString());
  }

  /**
   * Whether {@code file} is a JPEG, PNG or TIFF file (judged from its first bytes), the formats that can
   * carry capture metadata; false when it cannot be read.
   */
  static boolean canHoldMetadata(Path file) {
    try {
      ImageFormat format = Imaging.guessFormat(ByteSource.path(file));
      return format == ImageFormats.JPEG || format == ImageFormats.PNG || format == ImageFormats.TIFF;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static MetadataRead read(ByteSource source, String name) throws NvcException {
    List<String> warnings = new ArrayList<>();
    ImageFormat format;
    try {
      format = Imaging.guessFormat(source);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, name + ": cannot read the file: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      warnings.add("the file format could not be recognised (" + oneLine(e) + "); no metadata read");
      return new MetadataRead(Optional.empty(), null, warnings);
    }
    if (format != ImageFormats.JPEG && format != ImageFormats.PNG && format != ImageFormats.TIFF) {
      warnings.add("not a JPEG, PNG or TIFF file (found " + format.getName() + "); no metadata read");
      return new MetadataRead(Optional.empty(), null, warnings);
    }
    XmpCodec.Properties props = new XmpCodec.Properties(Map.of(), List.of());
    try {
      String xmp = Imaging.getXmpXml(source);
      if (xmp != null) {
        props = XmpCodec.properties(XmpCodec.parse(xmp));
      }
    } catch (IllegalArgumentException e) {
      warnings.add(e.getMessage() + "; XMP ignored");
    } catch (ImagingException | RuntimeException e) {
      warnings.add("the XMP metadata could not be read (" + oneLine(e) + "); XMP ignored");
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, name + ": cannot read the file: " + e.getMessage(), e);
    }
    XmpCodec.Decoded decoded = XmpCodec.decode(props);
    warnings.addAll(decoded.warnings());
    CaptureMetadata m = decoded.metadata() == null ? CaptureMetadata.empty() : decoded.metadata();
    m = withExif(m, source, format, warnings);
    Optional<CaptureMetadata> found =
        m.equals(CaptureMetadata.empty()) ? Optional.empty() : Optional.of(m);
    return new MetadataRead(found, m.calibration() == null ? null : decoded.storedSource(), warnings);
  }

  /** Fills camera model, software and capture time from EXIF where the XMP left them empty. */
  private static CaptureMetadata withExif(CaptureMetadata m, ByteSource source, ImageFormat format,
      List<String> warnings) {
    if (m.cameraModel() != null && m.software() != null && m.capturedAt() != null) {
      return m;
    }
    TiffImageMetadata exif;
    try {
      exif = exif(source, format);
    } catch (ImagingException | RuntimeException e) {
      warnings.add("the EXIF metadata could not be read (" + oneLine(e) + "); EXIF ignored");
      return m;
    } catch (IOException e) {
      warnings.add("the EXIF metadata could not be read (" + oneLine(e) + "); EXIF ignored");
      return m;
    }
    if (exif == null) {
      return m;
    }
    String model = m.cameraModel() != null ? m.cameraModel() : ascii(exif, TiffTagConstants.TIFF_TAG_MODEL);
    String software = m.software() != null ? m.software() : ascii(exif, TiffTagConstants.TIFF_TAG_SOFTWARE);
    OffsetDateTime when = m.capturedAt();
    if (when == null) {
      String date = ascii(exif, ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL);
      String offset = ascii(exif, OFFSET_TIME_ORIGINAL);
      if (date != null && offset == null) {
        warnings.add("EXIF DateTimeOriginal '" + date + "' has no OffsetTimeOriginal; expected a UTC offset,"
            + " so the capture time is left out");
      } else if (date != null) {
        try {
          when = LocalDateTime.parse(date, EXIF_DATE).atOffset(ZoneOffset.of(offset));
        } catch (DateTimeException e) {
          warnings.add("EXIF DateTimeOriginal '" + date + "' with offset '" + offset
              + "' is not a valid date-time (expected yyyy:MM:dd HH:mm:ss and +hh:mm); ignored");
        }
      }
    }
    return new CaptureMetadata(m.finger(), m.sector(), m.magnification(), m.calibration(), when, model,
        m.cameraId(), software, m.softwareVersion(), m.patientId(), m.examinationId());
  }

  private static @Nullable TiffImageMetadata exif(ByteSource source, ImageFormat format) throws IOException {
    if (format == ImageFormats.PNG) {
      return new PngImageParser().getExifMetadata(source, new TiffImagingParameters());
    }
    if (format == ImageFormats.JPEG) {
      JpegImageParser parser = new JpegImageParser();
      ImageMetadata metadata = parser.getMetadata(source, parser.getDefaultParameters());
      return metadata instanceof JpegImageMetadata jpeg ? jpeg.getExif() : null;
    }
    TiffImageParser parser = new TiffImageParser();
    ImageMetadata metadata = parser.getMetadata(source, parser.getDefaultParameters());
    return metadata instanceof TiffImageMetadata tiff ? tiff : null;
  }

  private static @Nullable String ascii(TiffImageMetadata exif, TagInfoAscii tag) {
    try {
      TiffField field = exif.findField(tag);
      if (field == null) {
        return null;
      }
      String value = field.getStringValue().strip();
      return value.isEmpty() ? null : value;
    } catch (ImagingException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Embeds {@code metadata} in {@code file}, replacing the SDK's earlier metadata and keeping other
   * vendors' XMP properties. Patient and examination identifiers are written only when
   * {@code includeIdentifiers} is true (privacy by default); otherwise any already in the file are
   * removed. The file is replaced atomically and only after the new content has been checked to decode
   * to the same pixels, so a failure leaves the original untouched.
   *
   * @return warnings (for example an existing XMP packet that could not be merged and was replaced)
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be read or replaced,
   *     {@link ErrorCode#IMAGE_UNREADABLE} when it is not a readable JPEG, PNG or TIFF file,
   *     {@link ErrorCode#IMAGE_UNSUPPORTED} for a PNG with more than 8 bits per sample
   */
  public static List<String> write(Path file, CaptureMetadata metadata, boolean includeIdentifiers)
      throws NvcException {
    return write(file, metadata, null, includeIdentifiers);
  }

  /**
   * Like {@link #write(Path, CaptureMetadata, boolean)}, recording {@code calibrationSource} as the
   * calibration's origin instead of the calibration's own source (use it to write back metadata read
   * with {@link #read}, whose calibration says {@code METADATA}).
   */
  public static List<String> write(Path file, CaptureMetadata metadata,
      @Nullable CalibrationSource calibrationSource, boolean includeIdentifiers) throws NvcException {
    if (file == null || metadata == null) {
      throw new IllegalArgumentException("file and metadata must not be null, found " + file + " and " + metadata);
    }
    byte[] original = load(file);
    List<String> warnings = new ArrayList<>();
    byte[] updated = embed(original, file.toString(), metadata, calibrationSource, includeIdentifiers, warnings);
    verify(original, updated, file.toString());
    replace(file, updated);
    return warnings;
  }

  private static byte[] load(Path file) throws NvcException {
    try {
      long size = Files.size(file);
      if (size > MAX_WRITE_BYTES) {
        throw new NvcException(ErrorCode.IMAGE_SIZE, file + ": " + size + " bytes, more than the "
            + MAX_WRITE_BYTES + " bytes metadata writing supports");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NvcException(ErrorCode.IO, file + ": no such file", e);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, file + ": cannot read the file: " + e.getMessage(), e);
    }
  }

  private static byte[] embed(byte[] bytes, String name, CaptureMetadata m,
      @Nullable CalibrationSource source, boolean identifiers, List<String> warnings) throws NvcException {
    ByteSource in = ByteSource.array(bytes);
    try {
      ImageFormat format = Imaging.guessFormat(in);
      String existing = null;
      if (format == ImageFormats.JPEG || format == ImageFormats.PNG || format == ImageFormats.TIFF) {
        try {
          existing = Imaging.getXmpXml(in);
        } catch (ImagingException e) {
          warnings.add("the existing XMP could not be read (" + oneLine(e) + "); it is replaced");
        }
      }
      String xmp = XmpCodec.encode(m, source, identifiers, existing, warnings);
      if (format == ImageFormats.JPEG) {
        return jpeg(bytes, xmp, m, warnings);
      } else if (format == ImageFormats.PNG) {
        return png(bytes, xmp, m, name);
      } else if (format == ImageFormats.TIFF) {
        return tiff(bytes, xmp, m);
      }
      throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
          name + ": metadata can be written to JPEG, PNG and TIFF files, found " + format.getName());
    } catch (ImagingException | RuntimeException e) {
      throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
          name + ": not a readable JPEG, PNG or TIFF file: " + oneLine(e), e);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, name + ": " + oneLine(e), e);
    }
  }

  private static byte[] jpeg(byte[] bytes, String xmp, CaptureMetadata m, List<String> warnings)
      throws IOException {
    byte[] withExif = bytes;
    try {
      TiffOutputSet set = null;
      ImageMetadata metadata = Imaging.getMetadata(bytes);
      if (metadata instanceof JpegImageMetadata jpeg && jpeg.getExif() != null) {
        set = jpeg.getExif().getOutputSet();
      }
      if (set == null) {
        set = new TiffOutputSet();
      }
      applyExif(set, m);
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 1024);
      new ExifRewriter().updateExifMetadataLossless(bytes, out, set);
      withExif = out.toByteArray();
    } catch (ImagingException e) {
      // A camera's unusual EXIF must not stop the XMP: it is kept as it was.
      warnings.add("the existing EXIF could not be updated (" + oneLine(e) + "); only the XMP is written");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(withExif.length + 4096);
    new JpegXmpRewriter().updateXmpXml(withExif, out, xmp);
    return out.toByteArray();
  }

  private static byte[] tiff(byte[] bytes, String xmp, CaptureMetadata m) throws IOException {
    ImageMetadata metadata = Imaging.getMetadata(bytes);
    if (!(metadata instanceof TiffImageMetadata tiff)) {
      throw new ImagingException("the TIFF directories could not be read");
    }
    TiffOutputSet set = tiff.getOutputSet();
    applyExif(set, m);
    TiffOutputDirectory root = set.getOrCreateRootDirectory();
    root.removeField(TiffTagConstants.TIFF_TAG_XMP);
    root.add(TiffTagConstants.TIFF_TAG_XMP, xmp.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 4096);
    new TiffImageWriterLossless(set.byteOrder, bytes).write(out, set);
    return out.toByteArray();
  }

  private static byte[] png(byte[] bytes, String xmp, CaptureMetadata m, String name)
      throws IOException, NvcException {
    BufferedImage image = Imaging.getBufferedImage(bytes);
    for (int bits : image.getColorModel().getComponentSize()) {
      if (bits > 8) {
        throw new NvcException(ErrorCode.IMAGE_UNSUPPORTED, name + ": a PNG with " + bits
            + " bits per sample; metadata can be written to PNGs with up to 8 bits per sample");
      }
    }
    List<AbstractPngText> text = new ArrayList<>();
    String tool = XmpCodec.creatorTool(m);
    if (tool != null) {
      text.add(new AbstractPngText.Text("Software", tool));
    }
    if (m.capturedAt() != null) {
      // RFC 1123, as the PNG specification recommends for this keyword.
      text.add(new AbstractPngText.Text("Creation Time",
          m.capturedAt().format(DateTimeFormatter.RFC_1123_DATE_TIME)));
    }
    PngImagingParameters params = new PngImagingParameters();
    params.setXmpXml(xmp);
    params.setTextChunks(text);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 4096);
    new PngImageParser().writeImage(image, out, params);
    return out.toByteArray();
  }

  /** Sets EXIF {@code Model}, {@code Software}, {@code DateTimeOriginal} and {@code OffsetTimeOriginal}. */
  private static void applyExif(TiffOutputSet set, CaptureMetadata m) throws ImagingException {
    TiffOutputDirectory root = set.getOrCreateRootDirectory();
    if (m.cameraModel() != null) {
      root.removeField(TiffTagConstants.TIFF_TAG_MODEL);
      root.add(TiffTagConstants.TIFF_TAG_MODEL, m.cameraModel());
    }
    String tool = XmpCodec.creatorTool(m);
    if (tool != null) {
      root.removeField(TiffTagConstants.TIFF_TAG_SOFTWARE);
      root.add(TiffTagConstants.TIFF_TAG_SOFTWARE, tool);
    }
    if (m.capturedAt() != null) {
      TiffOutputDirectory exif = set.getOrCreateExifDirectory();
      exif.removeField(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL);
      exif.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, m.capturedAt().format(EXIF_DATE));
      exif.removeField(OFFSET_TIME_ORIGINAL);
      exif.add(OFFSET_TIME_ORIGINAL, m.capturedAt().getOffset().getId().equals("Z") ? "+00:00"
          : m.capturedAt().getOffset().getId());
    }
  }

  /** Fails unless {@code updated} decodes to the same size and, where the JDK decodes it, the same pixels. */
  private static void verify(byte[] original, byte[] updated, String name) throws NvcException {
    try {
      ImageInfo before = Imaging.getImageInfo(original);
      ImageInfo after = Imaging.getImageInfo(updated);
      if (before.getWidth() != after.getWidth() || before.getHeight() != after.getHeight()) {
        throw new NvcException(ErrorCode.IMAGE_UNREADABLE, name + ": the rewritten image would be "
            + after.getWidth() + "x" + after.getHeight() + " instead of " + before.getWidth() + "x"
            + before.getHeight() + "; the file is left unchanged");
      }
      BufferedImage a = decode(original);
      if (a != null) {
        BufferedImage b = decode(updated);
        if (b == null || !samePixels(a, b)) {
          throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
              name + ": the rewritten image would not decode to the same pixels; the file is left unchanged");
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
          name + ": the rewritten image does not decode (" + oneLine(e) + "); the file is left unchanged", e);
    }
  }

  private static @Nullable BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    int w = a.getWidth();
    int[] ra = new int[w];
    int[] rb = new int[w];
    for (int y = 0; y < a.getHeight(); y++) {
      a.getRGB(0, y, w, 1, ra, 0, w);
      b.getRGB(0, y, w, 1, rb, 0, w);
      if (!Arrays.equals(ra, rb)) {
        return false;
      }
    }
    return true;
  }

  /** Writes a temporary file next to {@code file}, forces it to disk and moves it over {@code file}. */
  private static void replace(Path file, byte[] content) throws NvcException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".nvc-tmp");
      try {
        // The temporary file is private; the image keeps the permissions it had.
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the platform's defaults apply.
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, file + ": cannot replace the file (" + oneLine(e)
          + "); the original is unchanged", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: the temporary file holds only a copy of the image.
        }
      }
    }
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
