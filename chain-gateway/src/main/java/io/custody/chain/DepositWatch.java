package io.custody.chain;

import java.util.List;

/** Polled by the caller; each poll reports what changed since the previous one. */
public interface DepositWatch {
    List<DepositEvent> poll();
}
