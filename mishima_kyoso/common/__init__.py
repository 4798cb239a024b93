"""Small building blocks shared by the portal's apps, its tools and its tests."""
