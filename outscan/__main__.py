from outscan.cli import main

main()
