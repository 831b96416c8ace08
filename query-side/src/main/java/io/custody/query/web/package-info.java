/** Helpers shared by the read API's controllers. */
package io.custody.query.web;
