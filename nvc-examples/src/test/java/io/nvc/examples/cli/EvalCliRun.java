package io.nvc.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of a command object ({@link EvaluateCommand}, {@link DatasetCommand}) with the error
 * handling of {@code nvc} and captured output.
 *
 * @param status exit status
 * @param out standard output
 * @param err standard error
 */
record EvalCliRun(int status, String out, String err) {

  /** Runs {@code command} with {@code args}. */
  static EvalCliRun of(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(new Nvc.Errors());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new EvalCliRun(status, out.toString(), err.toString());
  }
}
