/** Read side of merchants and routed payments (escrow transactions). */
package io.custody.query.payment;
