"""Client side of the sync protocol (outbox, transport, form bundles, status pull). No Qt."""
