/** Money of the published language: token identifiers and amounts in base units. */
package io.custody.api.money;
