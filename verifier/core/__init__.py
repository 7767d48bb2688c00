"""Read claims and decide them against facts; imports neither Flask nor SQLModel."""
