def pytest_collect_file(file_path, parent):
    print("HOOK", file_path)
