"""Tools for pack authors: prove a pack (`tutor check`), scaffold one, export one."""
