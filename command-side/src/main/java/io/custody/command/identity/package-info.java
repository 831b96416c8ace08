/**
 * Organisations with their members and roles, and service accounts (API clients), as event-sourced aggregates. Who may
 * send these commands is decided at the edge (roles per route); the aggregates keep the rules that hold whoever sends
 * them: an invitation is used once, an organisation always keeps an administrator, a revoked account stays revoked.
 */
package io.custody.command.identity;
