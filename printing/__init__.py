"""Receipt layout and printer back-ends. No Qt."""
