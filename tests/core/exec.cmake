# tests for this area are registered here with retort_add_test()
