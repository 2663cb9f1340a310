/** The {@code nvc} command-line tool: {@code nvc analyze} and the commands that follow it. */
@NullMarked
package io.nvc.examples.cli;

import org.jspecify.annotations.NullMarked;
