package io.nvc.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nvc} command: entry point of {@code nvc.jar}. */
@Command(
    name = "nvc",
    mixinStandardHelpOptions = true,
    versionProvider = Nvc.Version.class,
    description = "Nailfold videocapillaroscopy analysis: find, classify and measure capillaries.",
    subcommands = {AnalyzeCommand.class, EvaluateCommand.class, DatasetCommand.class, SynthCommand.class,
        MetadataCommand.class, CalibrateCommand.class, ExamineCommand.class, CaptureCommand.class,
        CommandLine.HelpCommand.class})
public final class Nvc {

  private Nvc() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (0 success, 1 some inputs failed, 2 usage or setup). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Nvc());
    cli.setExecutionExceptionHandler(new Errors());
    return cli.execute(args);
  }

  /** Prints the SDK version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Package p = Nvc.class.getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      return new String[] {"nvc " + (v == null ? "(development build)" : v)};
    }
  }

  /** Turns any failure into one clear line on stderr, with no stack trace unless {@code NVC_DEBUG} is set. */
  static final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      cmd.getErr().println("nvc: error: " + message.lines().findFirst().orElse(message));
      if (System.getenv("NVC_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 2;
    }
  }
}
