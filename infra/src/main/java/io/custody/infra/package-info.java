/**
 * The all-in-one assembly: one Spring Boot application that runs the command side, the query side and the sagas on
 * embedded defaults (a real PostgreSQL started from a data directory on disk), or on configured external services
 * (PostgreSQL, Axon Server) in the distributed topology. Also owns the cross-cutting web concerns: trace ids and the
 * seed's error format.
 */
package io.custody.infra;
