/** Small programs that show how to use the SDK; {@link io.nvc.examples.QuickStart} is the README's. */
@NullMarked
package io.nvc.examples;

import org.jspecify.annotations.NullMarked;
