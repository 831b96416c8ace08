/** Merchants and the routing of their payments into escrow (custody wallet) or to their direct wallet. */
package io.custody.api.payment;
