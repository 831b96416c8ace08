/**
 * The published language of identity and access: organisations and their members with roles, service accounts (API
 * clients), and the {@link io.custody.api.identity.Caller} every command and query is made on behalf of.
 */
package io.custody.api.identity;
