print("nokori")
