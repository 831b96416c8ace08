/** Helpers shared by the command handlers of every aggregate. */
package io.custody.command.common;
