-- The deposit watch now keeps its place in the chain gateway's own store (chain_scan_position, chain_scan_block,
-- chain_scan_deposit; migration V60, ADR chain-009), with the recent block hashes and reported deposits a restart
-- needs to notice a reorganisation. The bare block number kept here before is superseded; a watch without a stored
-- position starts a margin behind the chain's head (ADR exec-002).
DROP TABLE deposit_watch_position;
