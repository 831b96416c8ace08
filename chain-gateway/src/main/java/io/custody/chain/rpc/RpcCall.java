package io.custody.chain.rpc;

import java.io.IOException;
import org.web3j.protocol.Web3j;

/** One JSON-RPC interaction against whichever endpoint the failover picks. */
@FunctionalInterface
public interface RpcCall<T> {
    T apply(Web3j web3j) throws IOException;
}
