"""Side panels: one module per panel, all built on :class:`SidePanel`."""
