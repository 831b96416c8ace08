/**
 * The write side: aggregates decide, policies state the rules they decide by, and the write REST API turns HTTP
 * requests into commands. Nothing here reads a projection; every decision is made from the aggregate's own events.
 */
package io.custody.command;
